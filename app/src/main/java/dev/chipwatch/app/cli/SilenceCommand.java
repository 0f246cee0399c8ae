package dev.chipwatch.app.cli;

import dev.chipwatch.alerts.delivery.SilenceBook;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.runtime.CompactedTopic;
import dev.chipwatch.schemas.Topics;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.Silence;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "silence", mixinStandardHelpOptions = true,
    description = "Mute notifications of matching alerts for a while; they still go to the alerts topic.",
    subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Remove.class})
final class SilenceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: add, list or rm");
  }

  static CompactedTopic<Silence> topic(ChipwatchConfig config) {
    return new CompactedTopic<>(ClusterConnection.of(config), new Topics(config.kafka().topicPrefix()), Topic.SILENCES,
        Silence.class);
  }

  static String line(Silence s, Instant now) {
    String state = SilenceBook.active(s, now) ? "active" : now.isBefore(s.getStartsAt()) ? "pending" : "expired";
    return s.getId() + "  " + state + "  until " + s.getEndsAt() + "  " + s.getMatchers()
        + (s.getComment().isBlank() ? "" : "  \"" + s.getComment() + "\"");
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a silence; prints its id.")
  static final class Add implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)([smhd])");

    @Mixin ConfigOptions options;

    @Option(names = "--match", required = true, split = ",", paramLabel = "LABEL=VALUE",
        description = "Alert labels to match, all of them: kind, rule, severity, item, destination, vendor, from, to, "
            + "event_type, direction, threshold")
    Map<String, String> matchers;

    @Option(names = "--for", required = true, paramLabel = "DURATION", description = "How long: 90s, 30m, 2h, 7d")
    String duration;

    @Option(names = "--comment", description = "Why, for whoever lists silences later") String comment;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<String> problems = SilenceBook.problems(matchers);
      Duration length = parse(duration);
      if (length == null) {
        problems = new java.util.ArrayList<>(problems);
        problems.add("--for: expected a duration such as 90s, 30m, 2h or 7d, got '" + duration + "'");
      }
      PrintWriter err = spec.commandLine().getErr();
      if (!problems.isEmpty()) {
        err.println("chipwatch silence add: refused:");
        problems.forEach(p -> err.println("  - " + p));
        err.flush();
        return 1;
      }
      Instant now = Clock.systemUTC().instant();
      Silence silence = Silence.newBuilder()
          .setId(UUID.randomUUID().toString().substring(0, 8))
          .setMatchers(new LinkedHashMap<>(matchers))
          .setStartsAt(now)
          .setEndsAt(now.plus(length))
          .setComment(comment == null ? "" : comment)
          .setCreatedBy(System.getProperty("user.name", ""))
          .build();
      Map<String, Silence> change = new LinkedHashMap<>();
      change.put(silence.getId(), silence);
      topic(options.load()).write(change);
      spec.commandLine().getOut().println(silence.getId());
      spec.commandLine().getOut().flush();
      return 0;
    }

    static Duration parse(String text) {
      Matcher m = DURATION.matcher(text == null ? "" : text.strip());
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        return null;
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the silences, active ones first.")
  static final class ListSilences implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Option(names = "--all", description = "Include expired silences") boolean all;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Instant now = Clock.systemUTC().instant();
      PrintWriter out = spec.commandLine().getOut();
      topic(options.load()).readAll().values().stream()
          .filter(s -> all || now.isBefore(s.getEndsAt()))
          .sorted(java.util.Comparator.comparing((Silence s) -> !SilenceBook.active(s, now)).thenComparing(Silence::getEndsAt))
          .forEach(s -> out.println(line(s, now)));
      out.flush();
      return 0;
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a silence; matching alerts notify again.")
  static final class Remove implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Parameters(index = "0", paramLabel = "ID") String id;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CompactedTopic<Silence> topic = topic(options.load());
      if (!topic.readAll().containsKey(id)) {
        spec.commandLine().getErr().println("chipwatch silence rm: no silence " + id);
        spec.commandLine().getErr().flush();
        return 1;
      }
      Map<String, Silence> change = new LinkedHashMap<>();
      change.put(id, null);
      topic.write(change);
      spec.commandLine().getOut().println("removed " + id);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
