package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.Role;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Run only the ingest service against a Kafka cluster.")
final class IngestCommand extends ServiceCommand {
  @Override
  Set<Role> roles() {
    return EnumSet.of(Role.INGEST);
  }

  @Override
  String application() {
    return "chipwatch-ingest";
  }
}
