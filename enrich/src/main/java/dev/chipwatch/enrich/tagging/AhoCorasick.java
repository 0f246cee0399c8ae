package dev.chipwatch.enrich.tagging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton matching case-insensitively, and only where a word starts: at the start of
 * the text or after a character that is neither a letter nor a digit. It is compiled into a dense
 * transition table so that a scan costs one array read per character whatever the number of
 * patterns. Immutable and safe to share between threads.
 *
 * <p>Word starts are a virtual character: the scan feeds it after every non-word character (and at
 * the start), and each pattern is compiled with it in front and after each of its own non-word
 * characters. Inside a word the automaton so falls back to the root and stays there until the next
 * boundary, instead of following every suffix ("us" in "because"): fewer live states to keep in the
 * cache, and no hits the callers would throw away.
 */
final class AhoCorasick {
  /** Receives each occurrence: the pattern's index and the end (exclusive) in the scanned text. */
  @FunctionalInterface
  interface Hit {
    void found(int pattern, int end);
  }

  /**
   * char -> column, case folded here once rather than per scanned character. Columns up to
   * {@link #lastWordColumn} are word characters (0: one no pattern has), the rest are not (the first
   * of them: a non-word character no pattern has); the virtual word start is the last column.
   */
  private final short[] columns = new short[Character.MAX_VALUE + 1];
  private final int lastWordColumn;
  private final int wordStart;
  private final int width;
  /**
   * (state row offset + column) -> next state's row offset (state × width), so the scan loop has no
   * multiply; after a non-word character, the state after the word start that follows it. Negated
   * minus one when the state ends a pattern, so one sign test skips the rest; the scan then takes the
   * word start itself.
   */
  private final int[] next;
  /** By state: every pattern that ends there, its own and its suffixes' (the output links followed once, here). */
  private final int[][] ending;

  AhoCorasick(List<String> patterns) {
    java.util.TreeSet<Character> wordChars = new java.util.TreeSet<>();
    java.util.TreeSet<Character> otherChars = new java.util.TreeSet<>();
    for (String p : patterns) {
      for (char c : p.toCharArray()) {
        char lc = Chars.toLower(c);
        (Chars.isWordChar(lc) ? wordChars : otherChars).add(lc);
      }
    }
    short[] byLowerChar = new short[Character.MAX_VALUE + 1];
    short column = 1;
    for (char c : wordChars) {
      byLowerChar[c] = column++;
    }
    lastWordColumn = column - 1;
    short otherNonWord = column++;
    for (char c : otherChars) {
      byLowerChar[c] = column++;
    }
    wordStart = column++;
    width = column;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char lc = Chars.toLower((char) c);
      columns[c] = byLowerChar[lc] != 0 ? byLowerChar[lc] : Chars.isWordChar(lc) ? 0 : otherNonWord;
    }

    // trie over the patterns with their word starts
    List<int[]> gotos = new ArrayList<>();
    List<List<Integer>> outs = new ArrayList<>();
    gotos.add(newRow());
    outs.add(new ArrayList<>());
    for (int i = 0; i < patterns.size(); i++) {
      int state = 0;
      for (int col : withWordStarts(patterns.get(i))) {
        if (gotos.get(state)[col] < 0) {
          gotos.get(state)[col] = gotos.size();
          gotos.add(newRow());
          outs.add(new ArrayList<>());
        }
        state = gotos.get(state)[col];
      }
      outs.get(state).add(i);
    }
    int states = gotos.size();
    int[] target = new int[states * width]; // state numbers while building
    int[][] output = new int[states][]; // patterns ending exactly at a state
    int[] outputLink = new int[states]; // nearest suffix state with output, -1 if none
    int[] fail = new int[states];
    boolean[] reports = new boolean[states];
    for (int s = 0; s < states; s++) {
      output[s] = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
    }

    // breadth-first: failure links, then complete the table so every (state, char) has a target
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] root = gotos.get(0);
    for (int col = 0; col < width; col++) {
      int t = root[col];
      if (t < 0) {
        target[col] = 0;
      } else {
        target[col] = t;
        fail[t] = 0;
        queue.add(t);
      }
    }
    outputLink[0] = -1;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int f = fail[s];
      outputLink[s] = output[f].length > 0 ? f : outputLink[f];
      reports[s] = output[s].length > 0 || outputLink[s] > 0;
      int[] row = gotos.get(s);
      for (int col = 0; col < width; col++) {
        int t = row[col];
        if (t < 0) {
          target[s * width + col] = target[f * width + col];
        } else {
          target[s * width + col] = t;
          fail[t] = target[f * width + col];
          queue.add(t);
        }
      }
    }
    ending = new int[states][];
    for (int s = 0; s < states; s++) {
      List<Integer> all = new ArrayList<>();
      for (int t = s; t > 0; t = outputLink[t]) {
        for (int p : output[t]) {
          all.add(p);
        }
      }
      ending[s] = all.stream().mapToInt(Integer::intValue).toArray();
    }
    next = new int[target.length];
    for (int i = 0; i < target.length; i++) {
      int col = i % width;
      int state = target[i];
      if (reports[state]) {
        next[i] = -state * width - 1; // the scan reports, then takes the word start itself
      } else if (col > lastWordColumn && col != wordStart) {
        next[i] = target[state * width + wordStart] * width; // a word start follows: one read for both steps
      } else {
        next[i] = state * width;
      }
    }
  }

  /** The pattern's columns with the virtual word start in front and after each inner non-word character. */
  private int[] withWordStarts(String pattern) {
    int[] out = new int[2 * pattern.length() + 1];
    int n = 0;
    out[n++] = wordStart;
    for (int i = 0; i < pattern.length(); i++) {
      int col = columns[pattern.charAt(i)];
      out[n++] = col;
      if (col > lastWordColumn && i + 1 < pattern.length()) {
        out[n++] = wordStart;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int[] newRow() {
    int[] row = new int[width];
    Arrays.fill(row, -1);
    return row;
  }

  /**
   * Reports every occurrence of every pattern that starts a word in the text, compared
   * case-insensitively. A char[] rather than a String: charAt on a compact (Latin-1) string costs a
   * call per character, and the caller has the characters already.
   */
  void scan(char[] chars, Hit hit) {
    int[] table = next;
    short[] cols = columns;
    int boundary = wordStart;
    int lastWord = lastWordColumn;
    int offset = table[boundary]; // the text starts a word; a word start alone never ends a pattern
    for (int i = 0, n = chars.length; i < n; i++) {
      int col = cols[chars[i]];
      int t = table[offset + col];
      if (t >= 0) {
        offset = t; // most characters end no pattern; after a non-word one the word start is taken already
        continue;
      }
      offset = -t - 1;
      for (int p : ending[offset / width]) {
        hit.found(p, i + 1);
      }
      if (col > lastWord) {
        offset = table[offset + boundary];
      }
    }
  }
}
