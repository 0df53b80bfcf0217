package io.jgrad.examples;

import io.jgrad.examples.cli.ErrorReporter;
import io.jgrad.examples.fashion.EvaluateCommand;
import io.jgrad.examples.fashion.FinetuneCommand;
import io.jgrad.examples.fashion.TrainCommand;
import io.jgrad.examples.recsys.RecommendCommand;
import io.jgrad.examples.tabular.RiskCommand;
import io.jgrad.examples.text.CharRnnCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jgrad-examples} command line: one subcommand per example job. With no arguments it
 * runs {@code train}, the main job, so {@code ./jgrad} alone trains the Fashion-MNIST CNN.
 */
@Command(name = "jgrad-examples", mixinStandardHelpOptions = true, version = "jgrad-examples 0.1.0",
        description = "Example jobs for jgrad, a pure-Java tensor engine with autograd. Without a command, runs 'train'.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, FinetuneCommand.class, CharRnnCommand.class,
                RecommendCommand.class, RiskCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The command run when none is given. */
    static final String DEFAULT_COMMAND = "train";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the process exit code (0 success, 1 failure, 2 bad arguments). */
    public static int run(String... args) {
        return commandLine().execute(withDefaultCommand(args));
    }

    /** The arguments to run: {@code args}, or the default command when there are none. */
    static String[] withDefaultCommand(String... args) {
        return args.length == 0 ? new String[] {DEFAULT_COMMAND} : args;
    }

    /** The configured command line, for callers (and tests) that redirect its output. */
    public static CommandLine commandLine() {
        System.setProperty("java.awt.headless", "true"); // charts render to PNG files only
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Only reached with options but no command (e.g. {@code --verbose}): show what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }
}
