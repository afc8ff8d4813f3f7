pub mod errordoc;
