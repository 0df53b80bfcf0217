/** The helpers behind {@link io.jgrad.nn.F}: argument expansion for spatial ops and the loss functions. */
package io.jgrad.nn.functional;
