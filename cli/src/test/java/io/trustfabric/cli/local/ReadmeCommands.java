package io.trustfabric.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ./tfctl} commands of an example's README, in order, each with the output the README shows under it.
 *
 * <p>Read from the README's {@code ```bash} blocks: a line starting with {@code ./tfctl } is a command (line
 * continuations joined; a trailing {@code # comment} is dropped, except that {@code # run it N times} repeats it); the
 * lines after it, up to the next command or the block's end, are the output the README shows. How shown output is
 * compared with what the command printed: {@link #shownLineMatches}.
 */
record ReadmeCommands(List<Step> steps) {

    /** One README command: its words (placeholders such as PORT left in), how often to run it, the shown output. */
    record Step(List<String> words, int times, List<String> shown) {

        String command() {
            return String.join(" ", words);
        }

        /** The shown output is a refusal: its first line starts with {@code error: }. */
        boolean shownError() {
            return !shown.isEmpty() && shown.get(0).startsWith("error: ");
        }
    }

    private static final Pattern BLOCK = Pattern.compile("^```bash\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern TIMES = Pattern.compile("run it (\\d+) times");
    private static final Pattern AGE = Pattern.compile("\\d+(ms|s|m|h|d)");

    static ReadmeCommands of(Path readme) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8).replace("\\\n", " ");
        List<Step> steps = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            List<String> words = null;
            int times = 1;
            List<String> shown = new ArrayList<>();
            for (String line : block.group(1).split("\n")) {
                if (line.startsWith("./tfctl ")) {
                    if (words != null) {
                        steps.add(new Step(words, times, List.copyOf(shown)));
                    }
                    String command = line.substring("./tfctl ".length());
                    times = 1;
                    int comment = command.indexOf(" #");
                    if (comment >= 0) {
                        Matcher repeat = TIMES.matcher(command.substring(comment));
                        if (repeat.find()) {
                            times = Integer.parseInt(repeat.group(1));
                        }
                        command = command.substring(0, comment);
                    }
                    words = List.of(command.strip().split("\\s+"));
                    shown.clear();
                } else if (words != null && !line.isBlank()) {
                    shown.add(line);
                }
            }
            if (words != null) {
                steps.add(new Step(words, times, List.copyOf(shown)));
            }
        }
        return new ReadmeCommands(List.copyOf(steps));
    }

    /**
     * Whether a line the README shows is one the command printed: equal after collapsing white space, where a token
     * that is an age ({@code 16s}, {@code 3m}) stands for any age and a trailing {@code …} for the rest of the line. A
     * shown line that is only {@code ...} (lines left out) matches anything.
     */
    static boolean shownLineMatches(String shown, String printed) {
        String want = shown.strip();
        if (want.equals("...") || want.equals("…")) {
            return true;
        }
        boolean prefix = want.endsWith("…");
        if (prefix) {
            want = want.substring(0, want.length() - 1).strip();
        }
        StringBuilder regex = new StringBuilder();
        for (String token : want.split("\\s+")) {
            if (regex.length() > 0) {
                regex.append("\\s+");
            }
            regex.append(AGE.matcher(token).matches() ? "\\S+" : Pattern.quote(token));
        }
        regex.append(prefix ? "(\\s.*)?" : "");
        Pattern line = Pattern.compile(regex.toString());
        return printed.lines().map(String::strip).anyMatch(l -> line.matcher(l).matches());
    }

    /** The shown lines (of {@code step}) that {@code printed} does not contain; empty when all are there. */
    static List<String> missing(Step step, String printed) {
        return step.shown().stream().filter(s -> !shownLineMatches(s, printed)).toList();
    }
}
