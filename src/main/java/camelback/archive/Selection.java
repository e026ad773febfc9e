package camelback.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of the source a backup takes, with duplicity's selection rules and their order: the first rule that
 * includes or excludes a path decides it, a path no rule decides is included, an excluded directory is not entered,
 * and a directory an include glob only "scans" is kept only if something inside it is kept. The source's root is
 * always taken. Immutable; built by each backup from its job's configuration, the filelist read then.
 */
public final class Selection {
    /** What the rules say about one path. */
    public enum Verdict { INCLUDE, EXCLUDE, SCAN }

    private static final Selection EVERYTHING = new Selection(List.of());

    private final List<SelectionRule> rules;

    private Selection(List<SelectionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No rules: every path is taken. */
    public static Selection everything() {
        return EVERYTHING;
    }

    /** @param root the source tree the rules are for (its absolute path is what globs start with) */
    public static Builder under(Path root) {
        return new Builder(root);
    }

    public boolean takesEverything() {
        return rules.isEmpty();
    }

    Verdict decide(FileMetadata meta) {
        Candidate candidate = new Candidate(meta);
        boolean scan = false;
        for (SelectionRule rule : rules) {
            Verdict verdict = rule.test(candidate);
            if (verdict == Verdict.SCAN) {
                scan = true;
            } else if (verdict != null) {
                return scan && verdict == Verdict.EXCLUDE ? Verdict.SCAN : verdict;
            }
        }
        return scan ? Verdict.SCAN : Verdict.INCLUDE;
    }

    /** One path as the rules see it: its text (as duplicity's Python decodes it) is worked out once for all of them. */
    static final class Candidate {
        private final FileMetadata meta;
        private String text;
        private String lowered;

        Candidate(FileMetadata meta) {
            this.meta = meta;
        }

        FileMetadata meta() {
            return meta;
        }

        String text() {
            if (text == null) {
                text = PathBytes.surrogateEscaped(meta.path());
            }
            return text;
        }

        /** The text lowered as Python lowers it, for {@code ignorecase:} globs. */
        String loweredText() {
            if (lowered == null) {
                lowered = IgnoreCase.lower(text());
            }
            return lowered;
        }
    }

    /** The rules in the order they are tried, one per line, for the log. */
    @Override
    public String toString() {
        return rules.isEmpty() ? "every path" : String.join("; ", rules.stream().map(Object::toString).toList());
    }

    /** Adds rules in duplicity's order: {@code exclude-if-present} and device files first, the rest as added. */
    public static final class Builder {
        private final Path root;
        private final String rootName;
        private final List<SelectionRule> first = new ArrayList<>();
        private final List<SelectionRule> rest = new ArrayList<>();

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
            this.rootName = this.root.toString();
        }

        public Builder exclude(String glob) {
            rest.add(GlobRule.of(glob, false, rootName));
            return this;
        }

        public Builder include(String glob) {
            rest.add(GlobRule.of(glob, true, rootName));
            return this;
        }

        /**
         * A duplicity globbing filelist (duply's {@code exclude} file): one glob per line, {@code + } includes,
         * {@code - } or nothing excludes; blank lines and lines starting with {@code #} are skipped; quotes around
         * a glob are removed.
         */
        public Builder excludeFilelist(Path filelist) {
            return filelist(filelist, false);
        }

        /** duplicity's {@code --include-filelist}: as {@link #excludeFilelist}, but a line with neither sign includes. */
        public Builder includeFilelist(Path filelist) {
            return filelist(filelist, true);
        }

        private Builder filelist(Path filelist, boolean includeByDefault) {
            try (BufferedReader lines = Files.newBufferedReader(filelist, StandardCharsets.UTF_8)) {
                String line;
                int number = 0;
                while ((line = lines.readLine()) != null) {
                    number++;
                    try {
                        addFilelistLine(stripLikePython(line), includeByDefault);
                    } catch (SelectionException e) {
                        throw new SelectionException(filelist + " line " + number + ": " + e.getMessage());
                    }
                }
            } catch (NoSuchFileException e) {
                throw new SelectionException("the filelist " + filelist + " does not exist");
            } catch (IOException e) {
                throw new SelectionException("cannot read the filelist " + filelist + ": " + e.getMessage());
            }
            return this;
        }

        /** duplicity's {@code --exclude-regexp}: paths a Python regular expression is found in (see {@link PythonRegex}). */
        public Builder excludeRegexp(String regex) {
            rest.add(new RegexRule(PythonRegex.compile(regex), false));
            return this;
        }

        public Builder includeRegexp(String regex) {
            rest.add(new RegexRule(PythonRegex.compile(regex), true));
            return this;
        }

        /** duplicity's {@code --exclude-older-than}: regular files last modified before {@code epochSecond}. */
        public Builder excludeOlderThan(long epochSecond) {
            rest.add(new OlderThanRule(epochSecond));
            return this;
        }

        /**
         * The line without the white space around it as duplicity's Python {@code strip()} sees white space: Java's
         * {@code strip()} keeps no-break spaces and NEL (U+0085), so a line ending in one would name another glob.
         */
        private static String stripLikePython(String line) {
            int start = 0;
            int end = line.length();
            while (start < end && isPythonSpace(line.charAt(start))) {
                start++;
            }
            while (end > start && isPythonSpace(line.charAt(end - 1))) {
                end--;
            }
            return line.substring(start, end);
        }

        private static boolean isPythonSpace(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
        }

        private void addFilelistLine(String line, boolean includeByDefault) {
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            boolean include = includeByDefault;
            if (line.startsWith("+ ") || line.startsWith("- ")) {
                include = line.startsWith("+ ");
                line = line.substring(2);
            }
            if (line.startsWith("'") && line.endsWith("'") || line.startsWith("\"") && line.endsWith("\"")) {
                // A lone quote counts as opening and closing, as in duplicity.
                line = line.length() < 2 ? "" : line.substring(1, line.length() - 1);
            }
            if (line.isEmpty()) {
                // Quotes around nothing: duplicity skips the line as it skips a blank one.
                return;
            }
            if (include) {
                include(line);
            } else {
                exclude(line);
            }
        }

        /** Directories holding a file (or anything else) of this name are left out, with all they hold. */
        public Builder excludeIfPresent(String name) {
            if (name.isEmpty() || name.contains("/")) {
                throw new SelectionException("exclude-if-present takes a file name, not " + name);
            }
            first.add(new PresentRule(name));
            return this;
        }

        public Builder excludeDeviceFiles() {
            first.add(new DeviceFilesRule());
            return this;
        }

        /** Mount points below the root are left out, with all they hold. */
        public Builder excludeOtherFilesystems() {
            try {
                rest.add(new OtherFilesystemsRule(Files.getAttribute(root, "unix:dev")));
            } catch (IOException e) {
                throw new SelectionException("cannot read the file system of the source " + root + ": " + e);
            }
            return this;
        }

        /**
         * @throws SelectionException when the last rule only includes: every path is included anyway, so it is a
         *                            mistake (duplicity refuses it too)
         */
        public Selection build() {
            List<SelectionRule> all = new ArrayList<>(first);
            all.addAll(rest);
            if (!all.isEmpty() && !all.get(all.size() - 1).excludes()) {
                throw new SelectionException("the last selection rule (" + all.get(all.size() - 1)
                        + ") only includes; every path is included unless excluded, so it changes nothing."
                        + " End with the exclude it was meant to make an exception to, e.g. - **");
            }
            return all.isEmpty() ? EVERYTHING : new Selection(all);
        }
    }

    private record PresentRule(String name) implements SelectionRule {
        @Override
        public Verdict test(Candidate candidate) {
            FileMetadata meta = candidate.meta();
            // Not following a symbolic link: duplicity looks the name up in the listing, so a dangling link counts.
            return meta.type() == FileType.DIRECTORY
                    && Files.exists(meta.path().resolve(name), LinkOption.NOFOLLOW_LINKS) ? Verdict.EXCLUDE : null;
        }

        @Override
        public boolean excludes() {
            return true;
        }

        @Override
        public String toString() {
            return "exclude-if-present " + name;
        }
    }

    private record DeviceFilesRule() implements SelectionRule {
        @Override
        public Verdict test(Candidate candidate) {
            FileMetadata meta = candidate.meta();
            return meta.type() == FileType.CHAR_DEVICE || meta.type() == FileType.BLOCK_DEVICE ? Verdict.EXCLUDE : null;
        }

        @Override
        public boolean excludes() {
            return true;
        }

        @Override
        public String toString() {
            return "exclude device files";
        }
    }

    private record OlderThanRule(long epochSecond) implements SelectionRule {
        @Override
        public Verdict test(Candidate candidate) {
            // duplicity compares the float mtime; the whole seconds (floored) compare alike with a whole-second limit
            FileMetadata meta = candidate.meta();
            return meta.type() == FileType.REGULAR && meta.mtime() < epochSecond ? Verdict.EXCLUDE : null;
        }

        @Override
        public boolean excludes() {
            return true;
        }

        @Override
        public String toString() {
            return "exclude-older-than " + BackupTime.format(epochSecond);
        }
    }

    private record OtherFilesystemsRule(Object rootDevice) implements SelectionRule {
        @Override
        public Verdict test(Candidate candidate) {
            try {
                Object device = Files.getAttribute(candidate.meta().path(), "unix:dev", LinkOption.NOFOLLOW_LINKS);
                return rootDevice.equals(device) ? null : Verdict.EXCLUDE;
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public boolean excludes() {
            return true;
        }

        @Override
        public String toString() {
            return "exclude other file systems";
        }
    }
}
