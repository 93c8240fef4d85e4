package dev.partneraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The partner self-service API, {@code /realms/{realm}/partner-access}, with a partner user's own token. */
final class SelfService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String token;

    SelfService(String serverUrl, String realm, String token) {
        this.base = serverUrl + "/realms/" + realm + "/partner-access";
        this.token = token;
    }

    Api.Reply get() {
        return send(HttpRequest.newBuilder(URI.create(base + "/me")).GET());
    }

    Api.Reply request(Object body) {
        return post("/me/requests", body);
    }

    Api.Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.write(body))));
    }

    private Api.Reply send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
