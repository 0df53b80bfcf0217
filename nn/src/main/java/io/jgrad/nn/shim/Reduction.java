package io.jgrad.nn.shim;

/** TEMPORARY stand-in for io.jgrad.nn.Reduction (branch nnfunc); deleted when main is merged. */
public enum Reduction { NONE, MEAN, SUM, BATCHMEAN }
