package io.jgrad.conformance;

/** models/mlp.json, cnn.json, rnn.json: a Sequential network trained step by step (FORMAT.md section 4). */
final class NetworkCases {
    private NetworkCases() {}

    static ConformanceTest.Result run(Golden.Case c, String file) {
        return ModelCases.unsupported(c, file, "nn layers are not implemented yet");
    }
}
