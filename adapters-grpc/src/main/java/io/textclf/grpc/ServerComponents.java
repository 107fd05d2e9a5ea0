package io.textclf.grpc;

import io.textclf.application.dataset.DatasetLoader;
import io.textclf.application.predict.ClassifierLoader;
import io.textclf.application.train.TrainUseCase;
import java.util.Objects;
import java.util.Set;

/**
 * The application's parts the server uses (from the Guice injector the composition root builds).
 *
 * @param training the training use case
 * @param loader   loads model files for prediction
 * @param datasets finds and reads datasets
 * @param backends names of the compute backends available
 */
public record ServerComponents(TrainUseCase training, ClassifierLoader loader, DatasetLoader datasets,
                               Set<String> backends) {

    public ServerComponents {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(datasets, "datasets");
        backends = Set.copyOf(backends);
    }
}
