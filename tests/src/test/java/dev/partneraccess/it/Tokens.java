package dev.partneraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Access tokens for realm users, through the direct grant of the realm's public portal client. */
final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Tokens() {
    }

    static String password(String serverUrl, String realm, String username) {
        String form = "grant_type=password&client_id=" + PartnersRealm.PORTAL + "&username=" + Api.q(username)
                + "&password=" + Api.q(PartnersRealm.PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token for " + username + ": " + response.statusCode() + " " + response.body());
            }
            return Api.JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
