package dev.sieve.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sieve bench ...}: timed runs of single operators. */
@Command(name = "bench", description = "Time an operator on synthetic data (min and median after warm-up).",
        mixinStandardHelpOptions = true, subcommands = {BenchGemmCommand.class, BenchSpmmCommand.class, BenchModelCommand.class, BenchShowcaseCommand.class, BenchEinsumCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing operator: try 'sieve bench gemm' or 'sieve bench spmm'");
    }
}
