package io.trustfabric.worker.setup;

import io.trustfabric.psi.protocol.ItemFile;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.worker.config.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the tenant's data set file and normalizes each item into the bytes that are hashed to the curve. */
public final class ServerItemsLoader {
    private final WorkerConfig.Dataset dataset;

    public ServerItemsLoader(WorkerConfig.Dataset dataset) {
        this.dataset = dataset;
    }

    public List<byte[]> load() {
        List<String> items;
        try {
            items = dataset.format() == WorkerConfig.DatasetFormat.CSV
                    ? ItemFile.readCsvColumn(dataset.path(), dataset.csvColumn(), dataset.csvHeader())
                    : ItemFile.readLines(dataset.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data set " + dataset.path() + ": " + e.getMessage(), e);
        }
        Normalization normalization = dataset.normalization();
        List<byte[]> messages = new ArrayList<>(items.size());
        for (String item : items) {
            messages.add(normalization.apply(item));
        }
        return messages;
    }
}
