package dev.chipwatch.app.cli;

import picocli.CommandLine;

/** Entry point of the chipwatch command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with Chipwatch's error handling; tests set its output writers. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ChipwatchCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("chipwatch " + commandLine.getCommandName() + ": " + oneLine(e));
      return 1;
    });
    return cli;
  }

  /** The reason without a stack trace: the deepest message that says something. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    while ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
      cause = cause.getCause();
    }
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
