package dev.chipwatch.app.cli;

import dev.chipwatch.app.runtime.Role;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;

@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Run only the alerts service against a Kafka cluster.")
final class AlertsCommand extends ServiceCommand {
  @Override
  Set<Role> roles() {
    return EnumSet.of(Role.ALERTS);
  }

  @Override
  String application() {
    return "chipwatch-alerts";
  }
}
