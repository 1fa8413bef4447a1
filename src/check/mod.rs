//! Stage 3, **check**: validations over the modelled site that are not part
//! of loading a single file. (Link, translation and interface-string checks
//! still run from `render::validate`; they move here over time.)

pub mod assets;
