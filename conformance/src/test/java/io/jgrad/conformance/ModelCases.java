package io.jgrad.conformance;

/** Model and optimizer cases (models/*.json): optim.json goes to {@link OptimCases}, networks to {@link NetworkCases}. */
final class ModelCases {
    private ModelCases() {}

    static ConformanceTest.Result run(Golden.Case c) {
        String file = c.file().substring("models/".length());
        return file.equals("optim") ? OptimCases.run(c, file) : NetworkCases.run(c, file);
    }

    static ConformanceTest.Result unsupported(Golden.Case c, String file, String why) {
        return new ConformanceTest.Result(c.id(), file, ConformanceTest.Status.unsupported, ConformanceTest.Status.unsupported,
                ConformanceTest.Status.unsupported, why);
    }
}
