package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A zone's contents: its policies, the teams it declares, and those teams' definitions. */
public record GovernanceZone(String name, Documentation documentation, ZonePolicies policies,
        List<TeamDeclaration> teamDeclarations, List<Team> teams) {
    public GovernanceZone {
        requireNonNull(name, "name is null");
        requireNonNull(documentation, "documentation is null");
        requireNonNull(policies, "policies is null");
        teamDeclarations = List.copyOf(requireNonNull(teamDeclarations, "teamDeclarations is null"));
        teams = List.copyOf(requireNonNull(teams, "teams is null"));
    }

    public Optional<Team> team(String teamName) {
        return teams.stream().filter(t -> t.name().equals(teamName)).findFirst();
    }

    public Optional<TeamDeclaration> teamDeclaration(String teamName) {
        return teamDeclarations.stream().filter(t -> t.name().equals(teamName)).findFirst();
    }
}
