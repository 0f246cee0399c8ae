package dev.chipwatch.alerts.notify;

/**
 * Slack's escaping: only {@code &}, {@code <} and {@code >} are control characters, and escaping
 * them is what keeps an article titled {@code <!channel>} from notifying a whole channel.
 */
final class SlackText {

  private SlackText() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Escapes, then cuts to {@code maxChars} without splitting an entity such as {@code &amp;}. */
  static String escapeAndCut(String text, int maxChars) {
    String escaped = escape(text);
    if (escaped.length() <= maxChars) {
      return escaped;
    }
    int end = maxChars - 1;
    int amp = escaped.lastIndexOf('&', end - 1);
    if (amp >= 0 && amp > end - 5 && escaped.indexOf(';', amp) >= end) {
      end = amp;
    }
    return escaped.substring(0, end) + "…";
  }

  /** A mrkdwn link, or the escaped text alone when the URL is not plain http(s). */
  static String link(String url, String label) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      return escape(label == null || label.isBlank() ? url : label);
    }
    // '|' ends the URL part of <url|label> and '>' the link: encode them in the URL.
    String safeUrl = escape(url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20"));
    if (label == null || label.isBlank()) {
      return "<" + safeUrl + ">";
    }
    return "<" + safeUrl + "|" + escape(label.replace("|", "¦")) + ">";
  }
}
