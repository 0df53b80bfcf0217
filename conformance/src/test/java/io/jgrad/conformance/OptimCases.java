package io.jgrad.conformance;

/** models/optim.json: optimizer and scheduler steps on given gradients (FORMAT.md section 5). */
final class OptimCases {
    private OptimCases() {}

    static ConformanceTest.Result run(Golden.Case c, String file) {
        return ModelCases.unsupported(c, file, "optimizers are not implemented yet");
    }
}
