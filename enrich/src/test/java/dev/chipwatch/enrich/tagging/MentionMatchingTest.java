package dev.chipwatch.enrich.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matcher's hard cases: model numbers, look-alikes, case rules, people, places. */
class MentionMatchingTest {
  private static final Tagger TAGGER = new Tagger(Taxonomy.load());

  private static Tags tag(String text) {
    return TAGGER.tag("", "", text);
  }

  @Test
  void modelNumbersAreExact() {
    assertEquals(Set.of("nvidia-h20"), tag("Sales of the H20 resumed.").chips());
    assertEquals(Set.of("nvidia-h200"), tag("Sales of the H200 resumed.").chips());
    assertEquals(Set.of(), tag("The site keeps its H2O in a closed loop.").chips());
    assertEquals(Set.of("nvidia-gb200"), tag("Racks of GB200 systems shipped.").chips());
    assertEquals(Set.of("nvidia-b200"), tag("Racks of B200 systems shipped.").chips());
    assertEquals(Set.of(), tag("Racks of GB300 systems shipped.").chips());
    assertEquals(Set.of("amd-mi308"), tag("AMD's MI308X and the MI308 are the same part.").chips());
    assertEquals(Set.of(), tag("The MI300 series and MI450 are coming.").chips());
    assertEquals(Set.of("nvidia-h100"), tag("It bought 20,000 H100s last year.").chips());
    assertEquals(Set.of("nvidia-b30a"), tag("The B30A is a cut-down part.").chips());
  }

  /** The matcher on its own (as benchmarked against a regex) finds what the tagger finds. */
  @Test
  void theNameMatcherAloneAgreesWithTheTagger() {
    NameMatcher names = new NameMatcher(Taxonomy.load());
    String text = "Nvidia's H20 and H200, not the H2O loop, while AMD's MI308 ships to China; artificial intelligence "
        + "agencies agree, and Ms Blackwell said so.";
    assertEquals(java.util.List.of("nvidia", "nvidia-h20", "nvidia-h200", "amd", "amd-mi308", "CN"), names.find(text));
    Tags tags = tag(text);
    assertEquals(Set.of("nvidia-h20", "nvidia-h200", "amd-mi308"), tags.chips());
    assertEquals(Set.of("CN"), tags.countries());
  }

  @Test
  void aChipTagsItsVendor() {
    Tags t = tag("Buyers compared Gaudi 3 with Trainium2 and TPUs.");
    assertEquals(Set.of("intel-gaudi-3", "amazon-trainium", "google-tpu"), t.chips());
    assertEquals(Set.of("intel", "amazon", "google"), t.vendors());
  }

  @Test
  void lookAlikesAreNotMentions() {
    assertEquals(Set.of(), tag("Most artificial intelligence code targets GPUs; intelligence agencies agree.").vendors());
    assertEquals(Set.of(), tag("Grok, the chatbot, was updated.").vendors());
    assertEquals(Set.of("groq"), tag("Groq sells inference chips.").vendors());
    assertEquals(Set.of(), tag("The robot lifted a box with one arm.").vendors());
    assertEquals(Set.of("arm"), tag("Arm licenses its designs; ARM shares rose.").vendors());
    assertEquals(Set.of(), tag("Features are a fraction of a micron wide.").vendors());
    assertEquals(Set.of("metax"), tag("MetaX makes GPUs.").vendors());
    assertEquals(Set.of(), tag("A meta-analysis of benchmarks found little.").vendors());
    assertEquals(Set.of(), tag("Deforestation in the Amazon rainforest slowed.").vendors());
  }

  @Test
  void peopleAreNotChips() {
    assertEquals(Set.of(), tag("The conference is named after Grace Hopper.").chips());
    assertEquals(Set.of(), tag("\"Demand is strong,\" said Dana Blackwell, an analyst.").chips());
    assertEquals(Set.of(), tag("Former Treasury secretary Robert Rubin spoke.").chips());
    assertEquals(Set.of("nvidia-hopper", "nvidia-blackwell", "nvidia-rubin"),
        tag("Hopper gave way to Blackwell, and Nvidia's Vera Rubin follows.").chips());
    assertEquals(Set.of("nvidia-blackwell"), tag("He said Blackwell chips were not part of the deal.").chips());
  }

  @Test
  void countriesByNameAdjectiveAndGovernment() {
    assertEquals(Set.of("CN", "US"), tag("Beijing responded to Washington's move.").countries());
    assertEquals(Set.of("US"), tag("U.S. officials met American executives.").countries());
    assertEquals(Set.of("SA", "RU", "EU"), tag("Saudi Arabia, Russian buyers and the EU.").countries());
    assertEquals(Set.of(), tag("Data centres in Washington state, Memphis and Shanghai.").countries());
    assertEquals(Set.of(), tag("A conference in Taipei drew crowds.").countries());
    assertEquals(Set.of(), tag("It raised US$84 billion.").countries());
    assertEquals(Set.of("KP", "KR"), tag("North Korean hackers targeted South Korea.").countries());
    assertEquals(Set.of(), tag("Roast turkey was served on china plates.").countries());
  }

  @Test
  void titleCaseHeadlinesDoNotMakePeople() {
    Tags t = TAGGER.tag("Nvidia Ships First Blackwell Ultra Systems", "", "");
    assertEquals(Set.of("nvidia-blackwell"), t.chips());
  }
}
