/**
 * Reverse-mode automatic differentiation over core's ops: the tape, the backward rules (one
 * declarative table), grad mode scopes, hooks, version checks and gradcheck. Core knows nothing of
 * this module; it reaches it through {@link io.jgrad.core.spi.GradTracker}.
 */
package io.jgrad.autograd;
