package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextCleanerTest {
  @Test
  void dropsScriptsStylesAndHiddenMarkup() {
    String html = "<style>p{color:red}</style><p>Visible</p><script>alert(1)</script>"
        + "<div hidden>secret</div><span style=\"DISPLAY: none\">also secret</span><noscript>x</noscript>";

    assertEquals("Visible", TextCleaner.clean(html));
  }

  @Test
  void separatesBlocksAndDecodesEntities() {
    assertEquals("One.\nTwo & three — four", TextCleaner.clean("<p>One.</p><p>Two &amp; three&nbsp;&mdash; four</p>"));
    assertEquals("a b", TextCleaner.clean("a<br>b"));
    assertEquals("Headline\nBody text", TextCleaner.clean("<h2>Headline</h2>\n  <p>Body\n text</p>"), "paragraphs stay apart");
  }

  @Test
  void keepsLinkTextButNoUrls() {
    assertEquals("Read the rule at today",
        TextCleaner.clean("Read <a href=\"https://bis.gov/x\">the rule</a> at https://bis.gov/rule?id=1 today"));
    assertEquals("see for more", TextCleaner.clean("see www.nvidia.com/h20 for more"));
  }

  @Test
  void plainTextIsOnlyTidied() {
    assertEquals("Nvidia’s H20 is back", TextCleaner.clean("  Nvidia’s\u00a0H20\n\tis back "));
    assertEquals("A headline\nThe story", TextCleaner.clean("A headline\n\n  The story"), "a blank line ends a paragraph");
    assertEquals("US adds 32 firms to blacklist\nThe United States on Friday listed them.",
        TextCleaner.clean("US adds 32 firms to blacklist\nThe United States on Friday listed them."), "a headline's line");
    assertEquals("It ended.\nThen another began", TextCleaner.clean("It ended.\nThen another began"), "after a sentence's end");
    assertEquals("Trump allows H200 sales to China with a 25% cut for the government; Beijing signals it will limit imports\nPresident Trump said",
        TextCleaner.clean("Trump allows H200 sales to China with a 25% cut for the government; Beijing signals it will limit imports\nPresident Trump said"),
        "a long first line: a headline");
    assertEquals("Key facts:\n- One.\n- Two", TextCleaner.clean("Key facts:\n- One.\n- Two"), "list items");
    assertEquals("Nvidia is worth $4 trillion.\nIt rose", TextCleaner.clean("Nvidia is worth $4 trillion.\nIt rose"), "a $ is no group");
    assertEquals("The curbs bit.\nExports of the H20 to a long list of buyers across the region were halted as the rules took China by surprise",
        TextCleaner.clean("The curbs bit.\nExports of the H20 to a long list of buyers across the region were halted as the rules took\nChina by surprise"),
        "a wrapped long line runs on");
    assertEquals("", TextCleaner.clean(null));
    assertEquals("1 < 2", TextCleaner.clean("1 &lt; 2"));
  }
}
