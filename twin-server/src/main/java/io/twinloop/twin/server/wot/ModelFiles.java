package io.twinloop.twin.server.wot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.eclipse.ditto.json.JsonObject;

/**
 * Serves the Thing Models of a folder at {@code /wot/models/<file>}, read-only and without authentication: Ditto
 * fetches the models a definition names with a plain GET, as any WoT consumer does. Only plain file names in the
 * folder itself are served (no subfolders, no {@code ..}); {@code *.tm.jsonld} and {@code *.json} files as
 * {@code application/tm+json}.
 */
public final class ModelFiles {

    public static final String PATH = "/wot/models/";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final ContentType.WithFixedCharset TM_JSON = MediaTypes
            .applicationWithFixedCharset("tm+json", HttpCharsets.UTF_8, "jsonld").toContentType();

    private final Optional<Path> folder;

    public ModelFiles(final Optional<Path> folder) {
        this.folder = folder;
    }

    public static boolean handles(final String path) {
        return path.startsWith(PATH);
    }

    /** The file's content, 404 in Ditto's error shape if there is none of that name. */
    public HttpResponse serve(final String method, final String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return error(StatusCodes.METHOD_NOT_ALLOWED, "method.notallowed",
                    "The models are read-only: " + method + " is not allowed.");
        }
        final String name = path.substring(PATH.length());
        final Optional<Path> file = folder.filter(f -> FILE_NAME.matcher(name).matches() && !name.contains(".."))
                .map(f -> f.resolve(name)).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return error(StatusCodes.NOT_FOUND, "wot:model.notfound", "There is no Thing Model <" + name
                    + "> here.");
        }
        try {
            return HttpResponse.create().withStatus(StatusCodes.OK)
                    .withEntity(HttpEntities.create(TM_JSON, Files.readAllBytes(file.get())));
        } catch (final IOException e) {
            return error(StatusCodes.INTERNAL_SERVER_ERROR, "wot:model.unreadable",
                    "The Thing Model <" + name + "> cannot be read: " + e.getMessage());
        }
    }

    private static HttpResponse error(final StatusCode status, final String code, final String message) {
        final JsonObject body = JsonObject.newBuilder().set("status", status.intValue()).set("error", code)
                .set("message", message).build();
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
    }
}
