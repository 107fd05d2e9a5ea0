package io.textclf.spark.archfixture;

import io.textclf.application.train.TrainUseCase;

/** Offends the Spark adapter's rule: it reaches into the application's use cases. */
public final class SparkUsingApplication {

    public Class<?> useCase() {
        return TrainUseCase.class;
    }
}
