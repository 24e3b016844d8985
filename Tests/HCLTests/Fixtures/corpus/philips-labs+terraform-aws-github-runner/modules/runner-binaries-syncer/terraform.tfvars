environment              = "test"
distribution_bucket_name = "alkj4klrj32trogjreoigfvj"
aws_region               = "eu-west-1"
