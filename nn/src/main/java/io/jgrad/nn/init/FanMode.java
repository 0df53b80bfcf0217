package io.jgrad.nn.init;

/** Which fan the Kaiming initialisers scale by: fan-in keeps the forward variance, fan-out the backward one. */
public enum FanMode {
    FAN_IN,
    FAN_OUT
}
