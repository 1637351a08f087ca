package dev.sieve.cli;

import dev.sieve.cli.commands.BenchCommand;
import dev.sieve.cli.commands.DemoCommand;
import dev.sieve.cli.commands.EinsumCommand;
import dev.sieve.cli.commands.InfoCommand;
import dev.sieve.cli.commands.MatmulCommand;
import dev.sieve.cli.commands.PruneCommand;
import dev.sieve.cli.commands.RunCommand;
import dev.sieve.cli.commands.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: global options and the list of subcommands. */
@Command(
        name = "sieve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sparse deep learning for the JVM: sparse tensors, fast kernels, pruning.",
        subcommands = {InfoCommand.class, MatmulCommand.class, EinsumCommand.class, BenchCommand.class, DemoCommand.class, TrainCommand.class, RunCommand.class, PruneCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 bad input or failure, 2 bad usage.",
                "Add --debug to any command for stack traces."})
public final class SieveCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line: error contract, exit codes, help styling. */
    public static CommandLine commandLine() {
        GlobalOptions.debug = false;  // set again by --debug when parsed
        CommandLine cl = new CommandLine(new SieveCommand());
        cl.setParameterExceptionHandler(ErrorReporter::usageError);
        cl.setExecutionExceptionHandler(ErrorReporter::failure);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }
}
