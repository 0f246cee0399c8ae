package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.Role;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "enrich", mixinStandardHelpOptions = true, description = "Run only the enrich service against a Kafka cluster.")
final class EnrichCommand extends ServiceCommand {
  @Override
  Set<Role> roles() {
    return EnumSet.of(Role.ENRICH);
  }

  @Override
  String application() {
    return "chipwatch-enrich";
  }
}
