package io.jgrad.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every example command: the shared {@link RunOptions}, argument checks that end in
 * picocli's usage error (exit code 2), and the output stream. A command implements
 * {@link #execute()}; it prints results to {@link #out()} and lets bad input surface as
 * {@code IOException} or {@code IllegalArgumentException}, which {@link ErrorReporter} turns
 * into one line and exit code 1.
 */
public abstract class ExampleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Seed, threads, progress bars. */
    @Mixin
    protected RunOptions run;

    @Override
    public final Integer call() throws Exception {
        run.apply(this);
        execute();
        out().flush();
        return 0;
    }

    /** Runs the job; argument values are already parsed into the command's fields. */
    protected abstract void execute() throws Exception;

    /** Where results go (stdout, or what a test set on the command line). */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Fails with a usage error (exit code 2) unless {@code condition} holds. */
    public final void require(boolean condition, String message) {
        if (!condition) throw new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Fails with a usage error unless {@code value >= min}; returns the value. */
    protected final int atLeast(String option, int value, int min) {
        require(value >= min, option + " must be at least " + min + ", got " + value);
        return value;
    }

    /** Fails with a usage error unless {@code value} is finite and positive; returns the value. */
    protected final double positive(String option, double value) {
        require(value > 0 && Double.isFinite(value), option + " must be a positive number, got " + value);
        return value;
    }
}
