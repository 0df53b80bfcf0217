package io.jgrad.examples.cli;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import picocli.CommandLine.Option;

/** Options every command shares: the seed, the thread count and whether to draw progress bars. */
public final class RunOptions {
    @Option(names = "--seed", order = 100, paramLabel = "N", description = "Random seed for initialisation, shuffling and sampling (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", order = 101, paramLabel = "N", description = "Intra-op threads (default: one per core).")
    Integer threads;

    @Option(names = "--no-progress", order = 102, description = "Do not draw progress bars (per-epoch lines are still printed).")
    boolean noProgress;

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** True unless {@code --no-progress} was given. */
    public boolean progress() {
        return !noProgress;
    }

    /**
     * Seeds the default generator (used by layer initialisation, as {@code torch.manual_seed}) and
     * sets the thread count; every command calls this before building anything random.
     */
    void apply(ExampleCommand command) {
        if (threads != null) {
            command.require(threads >= 1, "--threads must be at least 1, got " + threads);
            Tensor.setNumThreads(threads);
        }
        Generator.defaultGenerator().manualSeed(seed);
    }

    /** A generator derived from the seed, one per purpose ({@code stream}), so purposes do not share draws. */
    public Generator generator(int stream) {
        return new Generator(seed * 1_000_003L + stream);
    }
}
