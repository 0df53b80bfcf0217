package io.jgrad.bench;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;

/** Maps the benchmarks' string parameters to jgrad types and calls (kept in one place so names match bench/compare). */
final class Workloads {
    private Workloads() {}

    /** A float32 op of one or two operands (unary ops ignore the second). */
    @FunctionalInterface
    interface Elementwise {
        Tensor apply(Tensor a, Tensor b);
    }

    static DType dtype(String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("benchmark dtype: expected float32 or float64, got " + name);
        };
    }

    static Elementwise elementwise(String op) {
        return switch (op) {
            case "add" -> Tensor::add;
            case "mul" -> Tensor::mul;
            case "exp" -> (a, b) -> a.exp();
            case "tanh" -> (a, b) -> a.tanh();
            case "relu" -> (a, b) -> a.relu();
            case "sigmoid" -> (a, b) -> a.sigmoid();
            case "sum" -> (a, b) -> a.sum();
            default -> throw new IllegalArgumentException("ElementwiseBench: unknown op '" + op + "'");
        };
    }
}
