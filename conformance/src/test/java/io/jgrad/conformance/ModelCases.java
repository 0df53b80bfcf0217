package io.jgrad.conformance;

/** Model and optimizer cases (models/*.json): training runs compared step by step. */
final class ModelCases {
    private ModelCases() {}

    static ConformanceTest.Result run(Golden.Case c) {
        String op = c.file().substring("models/".length());
        return new ConformanceTest.Result(c.id(), op, ConformanceTest.Status.unsupported, ConformanceTest.Status.unsupported,
                ConformanceTest.Status.unsupported, "model cases need the nn and optim modules");
    }
}
