package io.trustfabric.cli.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files tfctl lint reads from its arguments, as {@code tfctl apply -f} picks them: a file as given (whatever its
 * name), a directory's .yaml, .yml and .json files in name order, not its subdirectories; with {@code recursive},
 * the subdirectories' too (depth first, in name order). A file named twice is read once.
 */
final class ManifestFiles {

    private static final String MANIFEST = ".*\\.(ya?ml|json)$";

    /** The files in order, and the arguments that name nothing. */
    record Found(List<Path> files, List<String> missing) {
    }

    private ManifestFiles() {
    }

    static Found expand(List<Path> arguments, boolean recursive) {
        Map<Path, Path> files = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                directory(argument, recursive).forEach(f -> files.putIfAbsent(key(f), f));
            } else if (Files.exists(argument)) {
                files.putIfAbsent(key(argument), argument);
            } else {
                missing.add(argument.toString());
            }
        }
        return new Found(List.copyOf(files.values()), missing);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static List<Path> directory(Path directory, boolean recursive) {
        List<Path> out = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path entry : entries) {
            if (Files.isRegularFile(entry) && entry.getFileName().toString().matches(MANIFEST)) {
                out.add(entry.normalize().toString().isEmpty() ? entry : entry.normalize());
            }
        }
        if (recursive) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    out.addAll(directory(entry, true));
                }
            }
        }
        return out;
    }

    /** Whether a directory has subdirectories (to suggest -R when it holds no manifest itself). */
    static boolean hasSubdirectories(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }
}
