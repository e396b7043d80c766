def test_dashboard_lists_enrolment(client, world):
    client.force_login(world.learner_a)
    response = client.get("/learning/")
    assert response.status_code == 200
    assert "Artisan Baking" in response.text
