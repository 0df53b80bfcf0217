/** Recommendation from implicit feedback with matrix factorisation: the recommend command. */
package io.jgrad.examples.recsys;
