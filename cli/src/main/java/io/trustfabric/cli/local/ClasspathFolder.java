package io.trustfabric.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Reads every file of a folder on the classpath, whether it sits in a directory or inside a jar. */
public final class ClasspathFolder {

    private ClasspathFolder() {
    }

    /** File name to content, sorted by name; empty when the folder is nowhere on the classpath. */
    public static Map<String, byte[]> read(String folder) {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try {
            for (URL url : Collections.list(ClasspathFolder.class.getClassLoader().getResources(folder))) {
                files.putAll("jar".equals(url.getProtocol()) ? fromJar(url, folder) : fromDirectory(Path.of(url.toURI())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static Map<String, byte[]> fromDirectory(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(URL url, String folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            String prefix = folder.endsWith("/") ? folder : folder + "/";
            List<java.util.jar.JarEntry> entries = new ArrayList<>();
            jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix)
                    && e.getName().indexOf('/', prefix.length()) < 0).forEach(entries::add);
            for (var entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                }
            }
        }
        return files;
    }
}
