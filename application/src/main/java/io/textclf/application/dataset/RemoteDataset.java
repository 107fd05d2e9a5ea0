package io.textclf.application.dataset;

import java.net.URI;
import java.util.List;

/**
 * A dataset that textclf knows by name and downloads on first use.
 *
 * @param name      the name users give, e.g. {@code ag_news}
 * @param trainUrl  where the training CSV is served
 * @param trainMd5  its expected MD5
 * @param testUrl   where the test CSV is served
 * @param testMd5   its expected MD5
 * @param classes   class names in index order (written as {@code classes.txt})
 */
public record RemoteDataset(String name, URI trainUrl, String trainMd5, URI testUrl, String testMd5,
                            List<String> classes) {

    /** The torchtext AG_NEWS files and checksums, served from {@code base} ({@code base/train.csv}, {@code base/test.csv}). */
    public static RemoteDataset agNews(URI base) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return new RemoteDataset("ag_news",
                URI.create(root + "train.csv"), "b1a00f826fdfbd249f79597b59e1dc12",
                URI.create(root + "test.csv"), "d52ea96a97a2d943681189a97654912d",
                List.of("World", "Sports", "Business", "Sci/Tech"));
    }
}
