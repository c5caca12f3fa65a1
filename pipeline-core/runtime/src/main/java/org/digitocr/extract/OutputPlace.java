package org.digitocr.extract;

import java.util.List;
import java.util.Optional;

/**
 * Where a run's output may not go: onto one of its inputs, or onto a folder holding one (publishing replaces the
 * output, and the scans with it); and, for a run whose output a later run reads again (tables, night after night),
 * inside one (the next night would read its own tables and reports as scans). Paths are compared as normalised
 * absolute names ({@code /} separated, local paths or URIs).
 */
public final class OutputPlace {
    private OutputPlace() {
    }

    /** Why {@code output} may not be used with {@code inputs}, if it may not; {@code insideAllowed}: an output within an input is skipped when listing. */
    public static Optional<String> conflict(String output, List<String> inputs, boolean insideAllowed) {
        String out = trimmed(output);
        for (String input : inputs) {
            String in = trimmed(input);
            if (in.equals(out)) {
                return Optional.of("--output " + output + " is the input " + input
                        + ": a run would read nothing and publish over the scans; give an output folder outside it");
            }
            if (in.startsWith(out + "/")) {
                return Optional.of("--output " + output + " holds the input " + input
                        + ": publishing the output would replace the scans; give an output folder outside it");
            }
            if (!insideAllowed && out.startsWith(in + "/")) {
                return Optional.of("--output " + output + " is inside the input " + input
                        + ": the next run would read its tables and reports as scans; give an output folder outside it");
            }
        }
        return Optional.empty();
    }

    private static String trimmed(String path) {
        String p = path.replace('\\', '/');
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
