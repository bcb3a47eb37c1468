package io.trustfabric.operator.policy.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a bundle .tar.gz with an independent tar implementation (Commons Compress). */
record TarEntries(List<Entry> entries) {

    record Entry(TarArchiveEntry header, byte[] content) {
        String name() {
            return header.getName();
        }

        String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static TarEntries read(byte[] targz) {
        List<Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new ByteArrayInputStream(targz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                entries.add(new Entry(entry, tar.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TarEntries(entries);
    }

    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    Entry get(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + names()));
    }
}
