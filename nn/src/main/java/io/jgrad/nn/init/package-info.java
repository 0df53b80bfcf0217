/** Weight initialisation as {@code torch.nn.init}: {@link io.jgrad.nn.init.Init}, fans and gains. */
package io.jgrad.nn.init;
