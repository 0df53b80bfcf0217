package io.jgrad.nn.init;

/** A weight's fan-in and fan-out (see {@link Init#fans}). */
public record Fans(int fanIn, int fanOut) {}
