package dev.partneraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A partner user's own session, as an application sees it: log in, then refresh. */
final class UserSessions {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private UserSessions() {
    }

    /** Logs the user in and answers the refresh token. */
    static String login(String serverUrl, String realm, String username) throws IOException, InterruptedException {
        HttpResponse<String> response = post(serverUrl, realm, "grant_type=password&client_id=" + PartnersRealm.PORTAL
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of " + username + ": " + response.body());
        }
        return Api.JSON.readTree(response.body()).get("refresh_token").asText();
    }

    /** Refreshes and answers the HTTP status: 200 while the session lives, 400 once it was ended. */
    static int refresh(String serverUrl, String realm, String refreshToken) throws IOException, InterruptedException {
        return post(serverUrl, realm, "grant_type=refresh_token&client_id=" + PartnersRealm.PORTAL
                + "&refresh_token=" + Api.q(refreshToken)).statusCode();
    }

    private static HttpResponse<String> post(String serverUrl, String realm, String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
