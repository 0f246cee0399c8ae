package dev.chipwatch.app.cli;

import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.CompactedTopicReader;
import dev.chipwatch.app.runtime.ConfiguredParts;
import dev.chipwatch.alerts.rules.StatusInheritance;
import dev.chipwatch.enrich.tagging.Taxonomy;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print export statuses from the export-status table. Named items show their effective status: "
        + "a chip inherits its family's or vendor's status unless it has a newer one of its own. A change an article "
        + "announced for a later date is shown as pending until then.")
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Parameters(arity = "0..*", paramLabel = "ITEM", description = "Chip, family or vendor ids (default: every stored pair)")
  List<String> items = List.of();

  @Option(names = {"-d", "--destination"}, paramLabel = "CODE", defaultValue = "CN",
      description = "Destination country code for named items (default ${DEFAULT-VALUE})")
  String destination;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChipwatchConfig config = options.load();
    Map<String, ExportStatus> table = read(config);
    PrintWriter out = spec.commandLine().getOut();
    if (items.isEmpty()) {
      table.values().forEach(s -> out.println(line(s.getItem(), s.getDestination(), Optional.of(s))));
    } else {
      Taxonomy taxonomy = ConfiguredParts.taxonomy(config);
      StatusInheritance inheritance = new StatusInheritance(taxonomy::ancestors, taxonomy::descendants);
      for (String item : items) {
        out.println(line(item, destination, inheritance.effective(item, destination,
            (i, d) -> table.get(i + "|" + d))));
      }
    }
    out.flush();
    return 0;
  }

  static String line(String item, String destination, Optional<ExportStatus> status) {
    if (status.isEmpty()) {
      return String.format("%-24s %-3s %-10s", item, destination, "UNKNOWN");
    }
    ExportStatus s = status.get();
    String via = s.getItem().equals(item) ? "" : " (from " + s.getItem() + ")";
    String since = s.getStatus() == ExportStatusValue.UNKNOWN ? "" : "since " + s.getSince() + via;
    String pending = s.getScheduled() == null ? ""
        : "  pending: " + s.getScheduled().getStatus() + " from " + s.getScheduled().getAt()
            + (s.getScheduled().getLink() == null ? "" : " (" + s.getScheduled().getLink() + ")");
    return String.format("%-24s %-3s %-10s %s  %s%s", item, destination, s.getStatus(), since,
        s.getLink() == null ? "" : s.getLink(), pending).stripTrailing();
  }

  private static Map<String, ExportStatus> read(ChipwatchConfig config) {
    String topic = new Topics(config.kafka().topicPrefix()).name(Topics.Topic.EXPORT_STATUS);
    return new TreeMap<>(CompactedTopicReader.read(ClusterConnection.of(config), topic,
        Topics.valueSerde(ExportStatus.class).deserializer()));
  }
}
