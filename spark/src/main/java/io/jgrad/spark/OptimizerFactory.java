package io.jgrad.spark;

import io.jgrad.core.Tensor;
import io.jgrad.optim.Optimizer;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the optimizer over a model's parameters, e.g. {@code p -> new Adam(p, Map.of("lr", 1e-3))}.
 * The driver builds one; in parameter-averaging mode every executor replica builds its own too,
 * so it must be serializable (a lambda assigned to this type is).
 */
@FunctionalInterface
public interface OptimizerFactory extends Function<List<Tensor>, Optimizer>, Serializable {}
