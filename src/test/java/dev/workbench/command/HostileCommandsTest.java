package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands an attacker with a stolen token, or a confused model, might send. Each is refused,
 * audited, and never executed: every payload would create the marker file if it ran.
 */
@QuarkusTest
@TestProfile(CommandsProfile.class)
class HostileCommandsTest {

    static List<String> hostile() {
        String m = CommandsProfile.MARKER.toString();
        return List.of(
                // chaining and substitution
                "git status; touch " + m,
                "git status && touch " + m,
                "git status || touch " + m,
                "git status | tee " + m,
                "git status `touch " + m + "`",
                "git status $(touch " + m + ")",
                "git status ${IFS}touch",
                "git status > " + m,
                "git status < /etc/passwd",
                "git status\ntouch " + m,
                "git status\rtouch " + m,
                "git status & touch " + m + " &",
                // custom commands with the flag off
                "touch " + m,
                "sh -c 'touch " + m + "'",
                "bash -c \"touch " + m + "\"",
                "/bin/touch " + m,
                "env touch " + m,
                "npx touch-cli " + m,
                "curl -o " + m + " http://127.0.0.1:9/x",
                "rm -rf /",
                // git: global options, dangerous options, transports, other subcommands
                "git -c core.pager='touch " + m + "' log",
                "git -C /tmp status",
                "git --git-dir=/tmp/x status",
                "git --exec-path=/tmp status",
                "git --work-tree=/ status",
                "git log --output=" + m,
                "git diff --output " + m,
                "git diff --ext-diff",
                "git log --textconv -p",
                "git pull --upload-pack='touch " + m + "' origin",
                "git push --receive-pack='touch " + m + "' origin",
                "git push --exec='touch " + m + "' origin",
                "git push 'ext::sh -c touch% " + m + "' main",
                "git pull fd::17 main",
                "git push ssh://-oProxyCommand=touch%20" + m + "/x main",
                "git commit -c HEAD",
                "git checkout --recurse-submodules main",
                "git status --config-env=core.pager=X",
                "git config core.pager 'touch " + m + "'",
                "git clone /tmp/x /tmp/y",
                "git submodule update --init",
                "git rebase --exec 'touch " + m + "' HEAD~1",
                "git fetch --upload-pack=x origin",
                "git grep -O'touch " + m + "' x",
                // git: reading files outside the repository into a commit or a diff, editors
                "git commit -F /etc/passwd",
                "git commit -aF/etc/passwd",
                "git commit --file=/etc/passwd",
                "git commit -t /etc/passwd",
                "git diff --no-index /etc/passwd /dev/null",
                "git branch --edit-description",
                "git",
                // docker: daemon options, privileges, host namespaces, mounts outside the repository
                "docker -H tcp://127.0.0.1:9 ps",
                "docker run --privileged alpine touch " + m,
                "docker run -v /:/host alpine",
                "docker run -v/etc:/etc alpine",
                "docker run -v /var/run/docker.sock:/var/run/docker.sock alpine",
                "docker run --volume=/etc:/etc alpine",
                "docker run -v ../../:/x alpine",
                "docker run -v ~/.ssh:/x alpine",
                "docker run --mount type=bind,source=/,target=/h alpine",
                "docker run --pid=host alpine",
                "docker run --network host alpine",
                "docker run --net=host alpine",
                "docker run --ipc=host alpine",
                "docker run --userns=host alpine",
                "docker run --cap-add=SYS_ADMIN alpine",
                "docker run --device /dev/sda alpine",
                "docker run --security-opt seccomp=unconfined alpine",
                "docker run --volumes-from other alpine",
                "docker exec -it other sh",
                "docker run -itv /:/host alpine touch /host" + m,
                "docker run --env-file /proc/self/environ alpine env",
                "docker build /",
                "docker build --output type=local,dest=" + CommandsProfile.ROOT + " .",
                "docker build --secret id=k,src=/etc/shadow .",
                "docker build --ssh default .",
                "docker rm -f other",
                // npm and python
                "npm exec touch-cli",
                "npm install -g evil",
                "npm install --registry=http://127.0.0.1:9 evil",
                "npm run build --script-shell=/tmp/x",
                "npm --prefix /tmp install",
                "npm publish",
                "python -c \"open('" + m + "','w')\"",
                "python3 -c 'import os'",
                "python -m http.server",
                "python -m pip install evil",
                "python /tmp/evil.py",
                "python ../outside.py",
                "python3 linked.py",
                "python -",
                // repository handlers may not take options in safe mode
                "test --config=/tmp/x");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void isRefusedAuditedAndNeverExecuted(String hostile) throws Exception {
        int before = CommandResourceTest.auditLines().size();
        Response response = CommandResourceTest.command(hostile, "api");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).as(hostile).isEqualTo("forbidden");
        assertThat(response.jsonPath().getString("error")).isNotBlank();
        List<JsonObject> audit = CommandResourceTest.auditLines();
        assertThat(audit).hasSize(before + 1);
        assertThat(audit.get(before).getString("status")).isEqualTo("forbidden");
        assertThat(CommandsProfile.MARKER).as(hostile).doesNotExist();
    }

    static List<String> hostileServices() {
        return List.of("../../etc", "api/../api", "/tmp", "..", "api%2f..", "API", " api");
    }

    @ParameterizedTest
    @MethodSource("hostileServices")
    void aServiceIsAnIdNeverAPath(String service) throws Exception {
        int before = CommandResourceTest.auditLines().size();
        Response response = CommandResourceTest.command("git status", service);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(CommandResourceTest.auditLines()).hasSize(before + 1);
    }
}
