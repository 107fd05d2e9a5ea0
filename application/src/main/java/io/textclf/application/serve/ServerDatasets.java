package io.textclf.application.serve;

import io.textclf.application.dataset.DatasetFiles;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.dataset.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the ways a client may name training data into a dataset path for the training use case,
 * refusing anything outside the data root: a downloadable dataset's name, a folder in the data root,
 * or an upload's id.
 */
public final class ServerDatasets {

    private final DataRoot root;
    private final DatasetLoader loader;
    private final DatasetUploads uploads;

    public ServerDatasets(DataRoot root, DatasetLoader loader, DatasetUploads uploads) {
        this.root = root;
        this.loader = loader;
        this.uploads = uploads;
    }

    /**
     * A dataset the server downloads by name ({@link DatasetLoader#knownNames()}), as the path of its
     * cached folder: a folder of that name in the server's working directory is never used.
     *
     * @throws DatasetNotFoundException when the name is not known
     */
    public String byName(String name) {
        if (!loader.knownNames().contains(name)) {
            throw new DatasetNotFoundException("no dataset named '" + name + "' (known: "
                    + String.join(", ", loader.knownNames()) + "); name a folder of the data root as a server path");
        }
        return loader.namedFolder(name).toString();
    }

    /**
     * A dataset folder inside the data root.
     *
     * @param relative path relative to the data root
     * @throws PathNotAllowedException  when the path or one of the dataset's files leaves the root
     * @throws DatasetNotFoundException when there is nothing there ({@link DataRoot#resolve})
     * @throws io.textclf.application.dataset.DatasetFormatException when it is a file, or a folder that is not a
     *                                                               dataset
     */
    public String byPath(String relative) {
        Path folder = root.resolve(relative);
        if (!Files.isDirectory(folder)) {
            throw new DatasetFormatException("'" + relative + "' in the data root is a file, not a dataset folder");
        }
        return checked(folder);
    }

    /**
     * A dataset stored by {@link DatasetUploads}.
     *
     * @throws DatasetNotFoundException when there is no upload with that id
     */
    public String byUpload(String id) {
        return checked(Path.of(uploads.folderOf(id)));
    }

    private String checked(Path folder) {
        DatasetFiles files = loader.locate(folder.toString());
        root.checkInside(files.train());
        files.test().ifPresent(root::checkInside);
        files.classes().ifPresent(root::checkInside);
        return folder.toString();
    }
}
