package dev.chipwatch.enrich.tagging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over lower-cased text, compiled into a dense transition table so that a
 * scan costs one array read per character whatever the number of patterns. Immutable and safe to
 * share between threads.
 */
final class AhoCorasick {
  /** Receives each occurrence: the pattern's index and the end (exclusive) in the scanned text. */
  @FunctionalInterface
  interface Hit {
    void found(int pattern, int end);
  }

  private final short[] alphabet = new short[Character.MAX_VALUE + 1]; // char -> column, 0 = any other char
  private final int width;
  private final int[] next; // state * width + column -> state
  private final int[][] output; // patterns ending exactly at a state
  private final int[] outputLink; // nearest suffix state with output, -1 if none
  private final int[] lengths;
  private final boolean[] reports; // the state or one of its suffixes ends a pattern

  AhoCorasick(List<String> patterns) {
    short columns = 1;
    for (String p : patterns) {
      for (char c : p.toCharArray()) {
        char lc = Chars.toLower(c);
        if (alphabet[lc] == 0) {
          alphabet[lc] = columns++;
        }
      }
    }
    width = columns;
    lengths = patterns.stream().mapToInt(String::length).toArray();

    // trie
    List<int[]> gotos = new ArrayList<>();
    List<List<Integer>> outs = new ArrayList<>();
    gotos.add(newRow());
    outs.add(new ArrayList<>());
    for (int i = 0; i < patterns.size(); i++) {
      int state = 0;
      for (char c : patterns.get(i).toCharArray()) {
        int col = alphabet[Chars.toLower(c)];
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
    next = new int[states * width];
    output = new int[states][];
    outputLink = new int[states];
    int[] fail = new int[states];
    reports = new boolean[states];
    for (int s = 0; s < states; s++) {
      output[s] = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
    }

    // breadth-first: failure links, then complete the table so every (state, char) has a target
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] root = gotos.get(0);
    for (int col = 0; col < width; col++) {
      int t = root[col];
      if (t < 0) {
        next[col] = 0;
      } else {
        next[col] = t;
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
          next[s * width + col] = next[f * width + col];
        } else {
          next[s * width + col] = t;
          fail[t] = next[f * width + col];
          queue.add(t);
        }
      }
    }
  }

  private int[] newRow() {
    int[] row = new int[width];
    Arrays.fill(row, -1);
    return row;
  }

  int length(int pattern) {
    return lengths[pattern];
  }

  /** Reports every occurrence of every pattern in {@code text}, compared case-insensitively. */
  void scan(String text, Hit hit) {
    // a char[] copy is cheaper than charAt on a compact (Latin-1) string, one call per character
    char[] chars = text.toCharArray();
    int[] table = next;
    short[] columns = alphabet;
    int state = 0;
    for (int i = 0, n = chars.length; i < n; i++) {
      state = table[state * width + columns[Chars.toLower(chars[i])]];
      if (!reports[state]) {
        continue; // most characters end no pattern: skip the output walk
      }
      for (int s = state; s >= 0; s = outputLink[s]) {
        for (int p : output[s]) {
          hit.found(p, i + 1);
        }
        if (s == 0) {
          break;
        }
      }
    }
  }
}
