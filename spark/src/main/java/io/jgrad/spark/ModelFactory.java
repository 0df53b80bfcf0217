package io.jgrad.spark;

import io.jgrad.nn.Module;
import java.io.Serializable;
import java.util.function.Supplier;

/**
 * Builds a fresh model. Spark ships the factory to every executor, which builds its own replicas
 * (once per executor thread, then reused), so it must be serializable: a lambda assigned to this
 * type is. The replicas' initial weights do not matter, every step overwrites them with the
 * driver's.
 */
@FunctionalInterface
public interface ModelFactory extends Supplier<Module>, Serializable {}
