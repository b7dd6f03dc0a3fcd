//! The built-in fictional example partnership, stored as an ordinary project file so it is
//! read by the same code (and checked by the same validation) as a user's file.

use super::project::Project;
use super::project_file;

const EXAMPLE_JSON: &str = include_str!("example/example-partnership.json");

pub fn example_project() -> Project {
    // Checked by a test; a failure would be a build defect, not a user error.
    project_file::from_json(EXAMPLE_JSON).expect("built-in example is a valid project file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::PartnerRole;

    #[test]
    fn example_is_valid_labelled_and_has_every_core_partner() {
        let p = example_project();
        assert!(p.is_example);
        assert!(p.area_name.contains("fictional"));
        for role in [
            PartnerRole::LocalAuthorityEducation,
            PartnerRole::HealthIcb,
            PartnerRole::SocialCare,
            PartnerRole::ParentCarerForum,
        ] {
            assert!(p.has_role(role), "{role:?}");
        }
    }
}
