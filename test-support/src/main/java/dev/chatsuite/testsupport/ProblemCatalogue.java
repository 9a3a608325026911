package dev.chatsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemKind;

/**
 * Holds a service's problem enum and its page in docs/ to each other: every constant is in the
 * page's tables with its status, and every slug the page names is a constant (its own or a
 * {@link CommonProblem}).
 */
public final class ProblemCatalogue {

    private static final Pattern SLUG = Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)*)`");

    private ProblemCatalogue() {
    }

    /** The docs folder of the repository, found from the module's working directory. */
    public static Path docs(String page) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs").resolve(page);
    }

    /**
     * Asserts that the tables of {@code doc} (below the heading that starts with {@code section} when given, up to
     * the next heading of that level) document exactly {@code kinds}, besides common slugs.
     */
    public static void assertDocumented(Path doc, String section, ProblemKind... kinds) {
        Map<String, String> documented = tableRows(doc, section);
        for (ProblemKind kind : kinds) {
            assertThat(documented).as("%s: slug `%s` (%s) is not documented", doc.getFileName(), kind.slug(), kind)
                    .containsKey(kind.slug());
            assertThat(documented.get(kind.slug())).as("%s: status of `%s`", doc.getFileName(), kind.slug())
                    .contains(Integer.toString(kind.status()));
        }
        List<String> known = Arrays.stream(kinds).map(ProblemKind::slug).collect(Collectors.toList());
        Arrays.stream(CommonProblem.values()).map(ProblemKind::slug).forEach(known::add);
        assertThat(known).as("%s names slugs the code does not have", doc.getFileName())
                .containsAll(documented.keySet());
    }

    /** Slug → the rest of its table row, for every backticked slug in a row's first cell. */
    static Map<String, String> tableRows(Path doc, String section) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inside = section == null;
        String level = null;
        for (String line : lines) {
            if (section != null && line.startsWith("#")) {
                String hashes = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
                if (line.substring(hashes.length()).trim().startsWith(section)) {
                    inside = true;
                    level = hashes;
                    continue;
                }
                if (inside && level != null && hashes.length() <= level.length()) {
                    break;
                }
            }
            if (!inside || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 3) {
                continue;
            }
            Matcher slugs = SLUG.matcher(cells[1]);
            String rest = String.join("|", Arrays.copyOfRange(cells, 2, cells.length));
            while (slugs.find()) {
                rows.merge(slugs.group(1), rest, (a, b) -> a + " " + b);
            }
        }
        assertThat(rows).as("%s has no problem table%s", doc, section == null ? "" : " under " + section).isNotEmpty();
        return rows;
    }
}
