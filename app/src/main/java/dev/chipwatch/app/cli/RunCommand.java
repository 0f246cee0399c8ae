package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.Role;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run ingest, enrich and alerts in one process (on the embedded broker unless a cluster is named).")
final class RunCommand extends ServiceCommand {
  @Override
  Set<Role> roles() {
    return EnumSet.allOf(Role.class);
  }

  @Override
  String application() {
    return "chipwatch";
  }
}
