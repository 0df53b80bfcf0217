/** Neural-network building blocks in PyTorch's shape: {@code Module}, layers, the functional API {@code F}, losses and initialisation. */
package io.jgrad.nn;
