package dev.inkwell.profiles;

import dev.inkwell.platform.DomainException;

/** Looking up users and following them. */
public final class ProfileService {

    private final ProfileRepository profiles;

    public ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Profile get(String username, long viewerId) {
        return find(username, viewerId).profile();
    }

    public Profile follow(String username, long followerId) {
        ProfileRepository.Found found = find(username, followerId);
        if (found.userId() == followerId) {
            throw new DomainException.Invalid("profile", "you cannot follow yourself");
        }
        profiles.follow(followerId, found.userId());
        return withFollowing(found.profile(), true);
    }

    public Profile unfollow(String username, long followerId) {
        ProfileRepository.Found found = find(username, followerId);
        profiles.unfollow(followerId, found.userId());
        return withFollowing(found.profile(), false);
    }

    private ProfileRepository.Found find(String username, long viewerId) {
        return profiles.find(username, viewerId).orElseThrow(() -> new DomainException.NotFound("profile"));
    }

    private static Profile withFollowing(Profile profile, boolean following) {
        return new Profile(profile.username(), profile.bio(), profile.image(), following);
    }
}
